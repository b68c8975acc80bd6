package dev.loyalty.tools;

import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.gateway.GatewayContext;
import dev.loyalty.gateway.HttpGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code loyalty seed --offline}: members written into a stopped engine's journal, replayed by the engine. */
class SeedTest
{
    private static final String ADMIN_KEY = "adm_seed-test-admin-key-0123456789";

    @TempDir
    Path dataDir;

    @Test
    void shouldWriteMembersIntoTheJournalThatTheEngineReplaysWithTheirCardsPhonesAndBalances()
    {
        final Cli seed = new Cli();
        assertEquals(0, seed.execute("seed", "--offline", "--data-dir", dataDir.toString(), "--members", "1000",
            "--points", "500"), seed.err());
        assertTrue(seed.out().contains("seeded 1,000 members in"), seed.out());
        final Cli more = new Cli();
        assertEquals(0, more.execute("seed", "--offline", "--data-dir", dataDir.toString(), "--first-member", "1001",
            "--members", "10", "--points", "0", "--card-prefix", "555"), more.err());
        assertTrue(more.out().contains("replayed the 2,000 records already in the journal"), more.out());

        try (LoyaltyEngine engine = LoyaltyEngine.start(new EngineContext().dataDir(dataDir));
            HttpGateway gateway = HttpGateway.start(engine, new GatewayContext()
                .bindAddress("127.0.0.1").httpPort(0).dataDir(dataDir).adminKey(ADMIN_KEY)))
        {
            assertEquals(2010, engine.recoveredRecords());
            final Http http = new Http(gateway.port(), ADMIN_KEY);
            final Map<String, Object> first = http.get("/v1/members?identifierType=CARD&value=777000000001").json();
            assertEquals("m_1", first.get("memberId"));
            assertEquals(500L, ((Number)Json.obj(first, "balance").get("available")).longValue());
            final Http.Answer byPhone = http.get("/v1/members?identifierType=PHONE&value=%2B79000001000");
            assertEquals(200, byPhone.status(), byPhone.toString());
            assertEquals("m_rs", byPhone.json().get("memberId"), "member 1000 is m_ + 1000 in base 36");
            final Map<String, Object> other = http.get("/v1/members?identifierType=CARD&value=555000001005").json();
            assertEquals(0L, ((Number)Json.obj(other, "balance").get("available")).longValue());
            assertEquals(404, http.get("/v1/members?identifierType=CARD&value=777000001001").status());
        }
    }

    @Test
    void shouldRefuseAPhoneTakenByAnotherMemberBeforeWritingAnything()
    {
        final Cli first = new Cli();
        assertEquals(0, first.execute("seed", "--offline", "--data-dir", dataDir.toString(), "--members", "5"));
        final Cli clash = new Cli();
        assertEquals(1, clash.execute("seed", "--offline", "--data-dir", dataDir.toString(), "--members", "5",
            "--card-prefix", "555"), clash.out());
        assertTrue(clash.err().contains("IDENTIFIER_TAKEN"), clash.err());
        assertTrue(clash.err().contains("nothing more was written"), clash.err());
    }

    @Test
    void shouldRefuseADataDirectoryInUseByAnEngine() throws Exception
    {
        try (DataDirLock lock = DataDirLock.tryAcquire(dataDir))
        {
            assertTrue(lock != null);
            final Cli seed = new Cli();
            assertEquals(1, seed.execute("seed", "--offline", "--data-dir", dataDir.toString(), "--members", "5"));
            assertTrue(seed.err().contains("is in use: an engine (loyalty serve) or another seed holds"), seed.err());

            final Cli serve = new Cli(Map.of(ServeCommand.ADMIN_KEY_VARIABLE, ADMIN_KEY));
            assertEquals(ExitCodes.FAILURE, serve.execute("serve", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString()));
            assertTrue(serve.err().contains("is in use by another loyalty serve or seed"), serve.err());
        }
        final Cli seed = new Cli();
        assertEquals(0, seed.execute("seed", "--offline", "--data-dir", dataDir.toString(), "--members", "5"),
            "free once the lock is released: " + seed.err());
    }
}
