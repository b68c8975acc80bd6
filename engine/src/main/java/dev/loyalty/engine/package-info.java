/** The loyalty engine: domain, pipeline, journal and snapshots. No networking, no JSON. */
package dev.loyalty.engine;
