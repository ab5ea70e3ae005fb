/**
 * The protocol engine: {@link io.ecd.protocol.ProtocolEngine} runs one splunkd session (getinfo,
 * then execute chunks in lockstep) for one {@link io.ecd.command.SearchCommand}, on top of the frame
 * layer ({@code frame}) and the codecs ({@code codec}).
 */
package io.ecd.protocol;
