package org.bookbox.controller.api;

/** A request the API refuses, with the HTTP status and a message for the caller. */
public final class HttpError extends RuntimeException {

    private final int status;

    public HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static HttpError notFound(String what) {
        return new HttpError(404, what);
    }

    public static HttpError badRequest(String what) {
        return new HttpError(400, what);
    }
}
