"""Publishing: the one place that writes files for the app's static server (static/generated/, static/vendor/)."""
