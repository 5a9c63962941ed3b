"""One module per page: each exposes `render()` and runs it when Streamlit executes the file as a page."""
