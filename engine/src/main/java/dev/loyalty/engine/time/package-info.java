/** Engine time: the clock that stamps commands as they enter. */
package dev.loyalty.engine.time;
