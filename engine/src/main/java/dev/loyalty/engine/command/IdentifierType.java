package dev.loyalty.engine.command;

/** The kinds of identifier a member can be found by. */
public enum IdentifierType
{
    CARD, PHONE, EMAIL, APP_ID, PAYMENT_TOKEN, EXTERNAL_ID
}
