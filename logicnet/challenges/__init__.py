"""Where challenges come from: the topic list validators draw from, and the wrappers they apply."""
