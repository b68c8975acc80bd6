package dev.loyalty.gateway;

import dev.loyalty.engine.time.EngineClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slow and idle clients are cut off by their deadlines; everyone else is served meanwhile. */
@Tag("slow")
class DeadlinesTest
{
    @TempDir
    Path dir;

    private TestServer s;

    @BeforeEach
    void start()
    {
        s = new TestServer(dir, EngineClock.SYSTEM, g -> g.requestTimeoutMillis(600).idleTimeoutMillis(1500));
    }

    @AfterEach
    void stop()
    {
        s.close();
    }

    @Test
    void shouldCloseASlowlorisConnectionWhileServingOthers() throws Exception
    {
        try (RawHttp slow = new RawHttp(s.port()))
        {
            slow.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            for (int i = 0; i < 30; i++)
            {
                assertEquals(200, s.send("GET", "/health", null, null).status(), "others are served");
                Thread.sleep(50);
                try
                {
                    slow.send("a");
                }
                catch (final UncheckedIOException closedAlready)
                {
                    break;
                }
            }
            assertTrue(slow.closedByServer(), "a header trickled for 1.5 s past its 600 ms deadline was cut off");
        }
    }

    @Test
    void shouldCloseASlowBodyButNotAFastKeepAliveConnection() throws Exception
    {
        try (RawHttp slow = new RawHttp(s.port()); RawHttp fast = new RawHttp(s.port()))
        {
            slow.send("POST /v1/members HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"req");
            for (int i = 0; i < 8; i++)
            {
                fast.send(RawHttp.request("GET", "/health", null, null));
                assertEquals(200, fast.read().status());
                Thread.sleep(100);
            }
            assertTrue(slow.closedByServer(), "the body that never finished was cut off");
            fast.send(RawHttp.request("GET", "/health", null, null));
            assertEquals(200, fast.read().status(), "a connection that keeps asking stays open");
        }
    }

    @Test
    void shouldCloseAnIdleKeepAliveConnection() throws Exception
    {
        try (RawHttp idle = new RawHttp(s.port()))
        {
            idle.send(RawHttp.request("GET", "/health", null, null));
            assertEquals(200, idle.read().status());
            Thread.sleep(2500);
            assertTrue(idle.closedByServer());
        }
    }
}
