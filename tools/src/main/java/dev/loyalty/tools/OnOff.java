package dev.loyalty.tools;

/** A setting that is on or off ({@code on}/{@code off} in any case on the command line and in variables). */
enum OnOff
{
    ON, OFF
}
