/** The widget's WebSocket: events in, acknowledgements (after commit) and pushed messages out. */
package dev.attune.feedback.internal.websocket;
