"""Assessment rounds: the list, a round, scoring an office and the results."""
