"""The rules, grouped by criterion: one module per criterion, one class per rule."""
