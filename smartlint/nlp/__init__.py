"""Text analysis: tokenizer and matchers (pipeline), numbers and dates (patterns, dates), TextFacts (facts), language detection (language)."""
