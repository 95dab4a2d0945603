"""The Compare grid without Qt: which part is shown, how a cell reads, and its exports."""
