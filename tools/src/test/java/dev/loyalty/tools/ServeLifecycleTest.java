package dev.loyalty.tools;

import dev.loyalty.client.ClientContext;
import dev.loyalty.client.LoyaltyClient;
import dev.loyalty.client.MemberRequest;
import dev.loyalty.client.MemberView;
import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.pipeline.PipelineStages;
import dev.loyalty.engine.sbe.IdentifierType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code loyalty serve} in a child JVM as an operator sees it: the admin key, the ready line, SIGTERM, a restart. */
@Tag("slow")
class ServeLifecycleTest
{
    private static final int SIGTERM_EXIT = 128 + 15;
    private static final String NEW_KEY_NOTICE = "A new admin key was generated. It is shown only this once:";

    @TempDir
    Path dataDir;

    @Test
    void shouldShowAGeneratedAdminKeyOnceAndStopCleanlyOnSigterm() throws IOException, InterruptedException
    {
        final String key;
        try (ChildServer first = ChildServer.start(dataDir, Map.of()))
        {
            final List<String> lines = first.outputLines();
            final int notice = lines.indexOf(NEW_KEY_NOTICE);
            assertTrue(notice >= 0, first.output());
            key = lines.get(notice + 2).trim();
            assertTrue(key.startsWith("adm_"), first.output());
            assertEquals(key, Files.readString(dataDir.resolve("admin.key"), StandardCharsets.US_ASCII).trim());
            assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve("admin.key"))));
            final String ready = readyLine(first);
            assertTrue(ready.startsWith("ready: listening on http://127.0.0.1:" + first.port() + ", binary on " +
                "127.0.0.1:" + first.binaryPort() + ", data in " + dataDir.toAbsolutePath() +
                ", durability async, stages " + PipelineStages.AUTO.resolve(Durability.ASYNC,
                Runtime.getRuntime().availableProcessors()).name().toLowerCase(Locale.ROOT) +
                ", recovered 0 records in "), ready);
            assertTrue(ready.endsWith(" ms, admin key in " + dataDir.toAbsolutePath().resolve("admin.key")), ready);

            final Http admin = new Http(first.port(), key);
            assertEquals(new Http.Answer(200, "{\"status\":\"ready\"}"), new Http(first.port(), null).get("/health"));
            assertEquals(401, new Http(first.port(), null).get("/v1/members/m_1").status());
            assertEquals(201, admin.call("POST", "/v1/members",
                "{\"requestId\":\"m-1\",\"identifiers\":[{\"type\":\"CARD\",\"value\":\"7770001\"}]}").status());
            try (LoyaltyClient binary = LoyaltyClient.connect(new ClientContext().port(first.binaryPort()).key(key)))
            {
                final MemberView member = binary.call(MemberRequest.byIdentifier(IdentifierType.CARD, "7770001")).member();
                assertEquals("m_1", member.memberId());
            }

            assertEquals(SIGTERM_EXIT, first.terminate());
            final List<String> output = first.outputLines();
            assertEquals("stopped", output.get(output.size() - 1), first.output());
        }

        try (ChildServer second = ChildServer.start(dataDir, Map.of()))
        {
            assertFalse(second.output().contains(NEW_KEY_NOTICE), second.output());
            assertFalse(second.output().contains(key), "the key is shown once only: " + second.output());
            assertEquals(1, second.recoveredRecords(), second.output());
            final Http.Answer member =
                new Http(second.port(), key).get("/v1/members?identifierType=CARD&value=7770001");
            assertEquals(200, member.status(), member.toString());
            assertEquals(SIGTERM_EXIT, second.terminate());
        }
    }

    @Test
    void shouldUseTheAdminKeyFromTheEnvironmentAndWriteNoKeyFile() throws InterruptedException
    {
        final String key = "adm_from-the-environment-0123456789";
        try (ChildServer child = ChildServer.start(dataDir, Map.of(ServeCommand.ADMIN_KEY_VARIABLE, key),
            "--durability", "sync"))
        {
            final String ready = readyLine(child);
            assertTrue(ready.contains(", durability sync, "), ready);
            assertTrue(ready.endsWith(" ms, admin key from LOYALTY_ADMIN_KEY"), ready);
            assertFalse(child.output().contains(NEW_KEY_NOTICE), child.output());
            assertFalse(Files.exists(dataDir.resolve("admin.key")));
            assertEquals(404, new Http(child.port(), key).get("/v1/members/m_1").status());
            assertEquals(SIGTERM_EXIT, child.terminate());
        }
    }

    private static String readyLine(final ChildServer child)
    {
        return child.outputLines().stream().filter(line -> line.startsWith("ready: ")).findFirst().orElseThrow();
    }
}
