"""The Compare tab: the grid of agents against safety attributes, its cells and legend."""
