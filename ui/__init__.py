"""The Qt application. It reaches data only through the core's services."""
