package dev.loyalty.engine.logic;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Members by id and by referral code without maps: the number parsed back out of the id, the code's mix undone. */
class MemberTableTest
{
    @Test
    void shouldUndoTheReferralCodeMixForEveryCounter()
    {
        for (long n = 0; n < 200_000; n++)
        {
            assertEquals(n, MemberTable.unmix40(Ids.mix40(n)));
        }
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++)
        {
            final long n = random.nextLong(1L << 40);
            assertEquals(n, MemberTable.unmix40(Ids.mix40(n)));
        }
    }

    @Test
    void shouldFindMembersByIdAndReferralCodeInNumberOrder()
    {
        final MemberTable table = new MemberTable(0);
        final List<Member> added = new ArrayList<>();
        for (long n = 1; n <= 1_000; n++)
        {
            final Member m = new Member(Ids.memberId(n), n, "main", Ids.referralCode(n), null, null);
            table.put(m.memberId, m);
            added.add(m);
        }
        assertEquals(1_000, table.size());
        assertEquals(added, new ArrayList<>(table.values()));
        for (final Member m : added)
        {
            assertSame(m, table.get(m.memberId));
            assertSame(m, table.byReferralCode(m.referralCode));
        }
        assertNull(table.get("m_0"));
        assertNull(table.get("m_" + Long.toString(1_001, 36)));
        assertNull(table.get("m_01"), "a leading zero is another id");
        assertNull(table.get("m_A"), "ids are lower case");
        assertNull(table.get("x_1"));
        assertNull(table.get("m_"));
        assertNull(table.get("m_zzzzzzzzzzzzz"));
        assertNull(table.byReferralCode(Ids.referralCode(1_001)));
        assertNull(table.byReferralCode("abcdefgh"));
        assertNull(table.byReferralCode("AAAA"));
    }
}
