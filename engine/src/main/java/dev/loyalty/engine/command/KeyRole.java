package dev.loyalty.engine.command;

/** The roles an API key can have: {@code ADMIN} may call everything, {@code POS} is bound to one partner. */
public enum KeyRole
{
    ADMIN, POS
}
