package dev.loyalty.gateway;

import dev.loyalty.engine.snapshot.SnapshotFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/admin/snapshot}: admin keys only, answered once the follower wrote the snapshot. */
class AdminSnapshotOverHttpTest
{
    @TempDir
    Path dir;

    @Test
    void shouldWriteASnapshotCoveringEveryJournaledCommandAndRestartFromIt()
    {
        final String digest;
        try (TestServer s = new TestServer(dir))
        {
            for (int i = 0; i < 5; i++)
            {
                assertEquals(201, s.admin("POST", "/v1/members", "{\"requestId\":\"m-" + i +
                    "\",\"identifiers\":[{\"type\":\"CARD\",\"value\":\"c" + i + "\"}]}").status());
            }
            final TestServer.Answer taken = s.admin("POST", "/v1/admin/snapshot", null);
            assertEquals(200, taken.status(), taken.toString());
            assertEquals(5L, ((Number)Json.at(taken.body(), "sequence")).longValue(), taken.body());
            assertEquals(true, Json.at(taken.body(), "written"), taken.body());
            final Path file = Path.of(Json.str(taken.body(), "file"));
            assertEquals(5, SnapshotFile.verify(file).journalSequence());

            final TestServer.Answer again = s.admin("POST", "/v1/admin/snapshot", "{}");
            assertEquals(200, again.status(), again.toString());
            assertEquals(false, Json.at(again.body(), "written"), "nothing new: the same snapshot");

            s.restart();
            assertEquals(file, s.engine().recoveredSnapshot());
            assertEquals(0, s.engine().recoveredRecords());
            assertEquals(200, s.admin("GET", "/v1/members?identifierType=CARD&value=c4", null).status());
            s.close();
            digest = s.lastDigest();
            assertTrue(s.lastInvariantViolations().isEmpty());
        }
        assertFalse(digest.isEmpty());
    }

    @Test
    void shouldRefuseAPosKeyAndABody()
    {
        try (TestServer s = new TestServer(dir))
        {
            final String pos = Json.str(s.admin("POST", "/v1/keys",
                "{\"requestId\":\"k-1\",\"role\":\"pos\",\"partnerId\":\"main\"}").body(), "key");

            assertEquals(403, s.send("POST", "/v1/admin/snapshot", null, pos).status());
            assertEquals(401, s.send("POST", "/v1/admin/snapshot", null, null).status());
            assertEquals(400, s.admin("POST", "/v1/admin/snapshot", "{\"now\":true}").status());
            assertEquals(405, s.admin("GET", "/v1/admin/snapshot", null).status());
        }
    }
}
