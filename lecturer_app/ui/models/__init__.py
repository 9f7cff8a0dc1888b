"""Qt item models of the GUI; each is checked with pytest-qt's ``qtmodeltester``."""
