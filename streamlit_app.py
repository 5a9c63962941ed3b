"""cloudfit's Streamlit app: page navigation only; each page is a script in `cloudfit/ui/pages/`.

Run with `make run`, or `streamlit run streamlit_app.py`; the environment
variable CLOUDFIT_INVENTORY names the inventory to open at start (default:
the bundled sample).
"""

from pathlib import Path

import streamlit as st

from cloudfit.ui import sidebar, state
from cloudfit.ui.widgets import tr

# The icon is a file shipped with cloudfit: an emoji or icon-font favicon is fetched from an outside host.
ICON = Path(__file__).parent / "cloudfit" / "ui" / "static" / "icon.png"
st.set_page_config(page_title="cloudfit", page_icon=str(ICON), layout="wide")
state.init()
sidebar.language()
PAGES = Path(__file__).parent / "cloudfit" / "ui" / "pages"
pages = [
    st.Page(
        PAGES / "inventory.py",
        title=tr("ui.page.inventory"),
        icon=":material/table_view:",
        url_path="inventory",
        default=True,
    ),
    st.Page(
        PAGES / "portfolio.py",
        title=tr("ui.page.portfolio"),
        icon=":material/bubble_chart:",
        url_path="portfolio",
    ),
    st.Page(
        PAGES / "application.py",
        title=tr("ui.page.application"),
        icon=":material/apps:",
        url_path="application",
    ),
    st.Page(
        PAGES / "dependencies.py",
        title=tr("ui.page.dependencies"),
        icon=":material/hub:",
        url_path="dependencies",
    ),
    st.Page(
        PAGES / "roadmap.py", title=tr("ui.page.roadmap"), icon=":material/timeline:", url_path="roadmap"
    ),
    st.Page(PAGES / "scoring_model.py", title=tr("ui.page.model"), icon=":material/tune:", url_path="model"),
    st.Page(
        PAGES / "readiness.py",
        title=tr("ui.page.readiness"),
        icon=":material/fact_check:",
        url_path="readiness",
    ),
    st.Page(
        PAGES / "workspace.py",
        title=tr("ui.page.workspace"),
        icon=":material/groups:",
        url_path="workspace",
    ),
]
navigation = st.navigation(pages)
sidebar.source_caption()
sidebar.filters()
navigation.run()
