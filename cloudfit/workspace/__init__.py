"""The shared workspace: submissions, reviews and overrides, audit log, users (see DESIGN.md).

Storage is SQLAlchemy 2 with Alembic migrations: an embedded SQLite file by
default, PostgreSQL through CLOUDFIT_DATABASE_URL. The rest of the core never
imports this package; it imports the core. Entry points:

    workspace = open_workspace(url)          # store.py
    submit(workspace, file, agency, user)    # submissions.py
    assess_workspace(workspace, user)        # portfolio.py
    override(workspace, app_id, field, ...)  # reviews.py
"""
