/** The journal: Chronicle Queue of SBE command records with sequence numbers and checksums. */
package dev.loyalty.engine.journal;
