"""One module per screen; each starts its CSS rules with its own type name."""
