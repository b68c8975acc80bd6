package dev.loyalty.tools.load;

/**
 * The card and phone of seeded member {@code index}, so that {@code loyalty loadgen} can name a member by card
 * without looking it up: the prefix, then the index in decimal, zero-padded to {@link #CARD_DIGITS} (cards) or
 * {@link #PHONE_DIGITS} (phones) digits. With the default prefixes member 42 has card {@code 777000000042}
 * and phone {@code +79000000042}; indices run from 1 to 999,999,999.
 */
public final class MemberNumbers
{
    /** Digits of the index in a card number. */
    public static final int CARD_DIGITS = 9;
    /** Digits of the index in a phone number. */
    public static final int PHONE_DIGITS = 9;
    /** The largest index both fit. */
    public static final long MAX_INDEX = 999_999_999L;
    /** The card prefix {@code seed} and {@code loadgen} use unless told otherwise. */
    public static final String DEFAULT_CARD_PREFIX = "777";
    /** The phone prefix {@code seed} uses unless told otherwise. */
    public static final String DEFAULT_PHONE_PREFIX = "+79";

    private final String cardPrefix;
    private final String phonePrefix;

    /** Numbers with these prefixes; each is 0-40 printable characters without spaces. */
    public MemberNumbers(final String cardPrefix, final String phonePrefix)
    {
        this.cardPrefix = checkPrefix(cardPrefix, "card prefix");
        this.phonePrefix = checkPrefix(phonePrefix, "phone prefix");
    }

    /** The card of member {@code index}. */
    public String card(final long index)
    {
        return padded(cardPrefix, index, CARD_DIGITS);
    }

    /** The phone of member {@code index}. */
    public String phone(final long index)
    {
        return padded(phonePrefix, index, PHONE_DIGITS);
    }

    public String cardPrefix()
    {
        return cardPrefix;
    }

    public String phonePrefix()
    {
        return phonePrefix;
    }

    static String padded(final String prefix, final long index, final int digits)
    {
        if (index < 1 || index > MAX_INDEX)
        {
            throw new IllegalArgumentException("member index must be 1.." + MAX_INDEX + ": " + index);
        }
        final char[] c = new char[prefix.length() + digits];
        prefix.getChars(0, prefix.length(), c, 0);
        long v = index;
        for (int i = c.length - 1; i >= prefix.length(); i--)
        {
            c[i] = (char)('0' + (v % 10));
            v /= 10;
        }
        return new String(c);
    }

    private static String checkPrefix(final String prefix, final String what)
    {
        if (prefix == null || prefix.length() > 40)
        {
            throw new IllegalArgumentException(what + " must be 0-40 characters");
        }
        for (int i = 0; i < prefix.length(); i++)
        {
            final char ch = prefix.charAt(i);
            if (ch <= ' ' || ch >= 0x7f)
            {
                throw new IllegalArgumentException(what + " must be printable ASCII without spaces: " + prefix);
            }
        }
        return prefix;
    }
}
