"""The Sources page (placeholder until its issue lands)."""

import streamlit as st

st.title("Sources")
st.info("This page is being built.")
