package dev.loyalty.engine.command;

/** What base and promotion earning is computed on: money paid, or the total before discounts and points. */
public enum EarnOn
{
    PAID, TOTAL
}
