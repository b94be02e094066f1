"""Streamlit dashboard for the Gsiw Policy Group: thin pages over `queries` and `charts`."""
