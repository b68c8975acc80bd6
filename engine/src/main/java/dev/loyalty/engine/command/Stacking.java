package dev.loyalty.engine.command;

/**
 * How a promotion combines with others on one cheque: {@code STACK} applies together with every other matching
 * stackable promotion; {@code EXCLUSIVE} applies alone, and only if it is worth the most of the matching
 * exclusive ones.
 */
public enum Stacking
{
    STACK, EXCLUSIVE
}
