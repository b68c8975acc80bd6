package dev.loyalty.engine.command;

/** The sales channels a store can belong to. */
public enum Channel
{
    POS, ONLINE, MOBILE_APP, CALL_CENTER, KIOSK, PARTNER
}
