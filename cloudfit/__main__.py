"""`python -m cloudfit ...`"""

from cloudfit.cli import main

raise SystemExit(main())
