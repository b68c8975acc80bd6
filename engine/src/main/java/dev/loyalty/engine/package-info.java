/** The loyalty engine: domain, pipeline and journal. No networking, no JSON. */
package dev.loyalty.engine;
