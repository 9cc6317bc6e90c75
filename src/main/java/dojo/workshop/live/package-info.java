/**
 * The live group quiz ({@code dojo workshop live}): a host-paced session engine ({@link dojo.workshop.live.LiveSession},
 * pure, driven by an injected clock), the results it hands to the gradebook and the review queues, and the HTTP
 * server ({@link dojo.workshop.live.LiveServer}) on the JDK's {@code com.sun.net.httpserver}.
 */
package dojo.workshop.live;
