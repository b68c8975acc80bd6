package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.KeyRole;
import dev.loyalty.engine.command.Stacking;
import dev.loyalty.engine.sbe.BooleanType;

/**
 * Maps the command enums to their SBE codes and back. A Java {@code null} is the SBE enum's {@code NULL_VAL}.
 * The tables are built by constant name when the class loads, so a Java constant without an SBE counterpart
 * fails at start-up rather than in the journal.
 */
final class SbeEnums
{
    private static final dev.loyalty.engine.sbe.Channel[] CHANNELS = new dev.loyalty.engine.sbe.Channel[
        Channel.values().length];
    private static final dev.loyalty.engine.sbe.EarnOn[] EARN_ONS = new dev.loyalty.engine.sbe.EarnOn[
        EarnOn.values().length];
    private static final dev.loyalty.engine.sbe.IdentifierType[] IDENTIFIER_TYPES =
        new dev.loyalty.engine.sbe.IdentifierType[IdentifierType.values().length];
    private static final dev.loyalty.engine.sbe.KeyRole[] KEY_ROLES = new dev.loyalty.engine.sbe.KeyRole[
        KeyRole.values().length];
    private static final dev.loyalty.engine.sbe.Stacking[] STACKINGS = new dev.loyalty.engine.sbe.Stacking[
        Stacking.values().length];

    static
    {
        for (final Channel value : Channel.values())
        {
            CHANNELS[value.ordinal()] = dev.loyalty.engine.sbe.Channel.valueOf(value.name());
        }
        for (final EarnOn value : EarnOn.values())
        {
            EARN_ONS[value.ordinal()] = dev.loyalty.engine.sbe.EarnOn.valueOf(value.name());
        }
        for (final IdentifierType value : IdentifierType.values())
        {
            IDENTIFIER_TYPES[value.ordinal()] = dev.loyalty.engine.sbe.IdentifierType.valueOf(value.name());
        }
        for (final KeyRole value : KeyRole.values())
        {
            KEY_ROLES[value.ordinal()] = dev.loyalty.engine.sbe.KeyRole.valueOf(value.name());
        }
        for (final Stacking value : Stacking.values())
        {
            STACKINGS[value.ordinal()] = dev.loyalty.engine.sbe.Stacking.valueOf(value.name());
        }
    }

    private SbeEnums()
    {
    }

    static dev.loyalty.engine.sbe.Channel toSbe(final Channel value)
    {
        return value == null ? dev.loyalty.engine.sbe.Channel.NULL_VAL : CHANNELS[value.ordinal()];
    }

    static Channel fromSbe(final dev.loyalty.engine.sbe.Channel value)
    {
        return value == dev.loyalty.engine.sbe.Channel.NULL_VAL ? null : Channel.valueOf(value.name());
    }

    static dev.loyalty.engine.sbe.EarnOn toSbe(final EarnOn value)
    {
        return value == null ? dev.loyalty.engine.sbe.EarnOn.NULL_VAL : EARN_ONS[value.ordinal()];
    }

    static EarnOn fromSbe(final dev.loyalty.engine.sbe.EarnOn value)
    {
        return value == dev.loyalty.engine.sbe.EarnOn.NULL_VAL ? null : EarnOn.valueOf(value.name());
    }

    static dev.loyalty.engine.sbe.IdentifierType toSbe(final IdentifierType value)
    {
        return value == null ? dev.loyalty.engine.sbe.IdentifierType.NULL_VAL : IDENTIFIER_TYPES[value.ordinal()];
    }

    static IdentifierType fromSbe(final dev.loyalty.engine.sbe.IdentifierType value)
    {
        return value == dev.loyalty.engine.sbe.IdentifierType.NULL_VAL ? null : IdentifierType.valueOf(value.name());
    }

    static dev.loyalty.engine.sbe.KeyRole toSbe(final KeyRole value)
    {
        return value == null ? dev.loyalty.engine.sbe.KeyRole.NULL_VAL : KEY_ROLES[value.ordinal()];
    }

    static KeyRole fromSbe(final dev.loyalty.engine.sbe.KeyRole value)
    {
        return value == dev.loyalty.engine.sbe.KeyRole.NULL_VAL ? null : KeyRole.valueOf(value.name());
    }

    static dev.loyalty.engine.sbe.Stacking toSbe(final Stacking value)
    {
        return value == null ? dev.loyalty.engine.sbe.Stacking.NULL_VAL : STACKINGS[value.ordinal()];
    }

    static Stacking fromSbe(final dev.loyalty.engine.sbe.Stacking value)
    {
        return value == dev.loyalty.engine.sbe.Stacking.NULL_VAL ? null : Stacking.valueOf(value.name());
    }

    static BooleanType toSbe(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }

    static boolean fromSbe(final BooleanType value)
    {
        if (value == BooleanType.NULL_VAL)
        {
            throw new IllegalArgumentException("boolean field has the null value");
        }
        return value == BooleanType.TRUE;
    }
}
