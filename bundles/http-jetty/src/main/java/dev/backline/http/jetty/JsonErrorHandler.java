package dev.backline.http.jetty;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Jetty's error handler with {@link ErrorBody} in place of its HTML page; never a stack trace. */
final class JsonErrorHandler extends ErrorHandler {

    static final String CONTENT_TYPE = "application/json;charset=utf-8";

    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    /** Jetty writes an error body for GET, POST and HEAD only; any method gets the JSON body here. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        HttpURI uri = request.getHttpURI();
        // Jetty's own protocol errors (HttpException) carry a reason such as "Ambiguous URI path separator";
        // any other cause's text could describe the server's insides.
        boolean exceptionText = cause != null && !(cause instanceof HttpException);
        byte[] body = ErrorBody.json(code, message, exceptionText, request.getMethod(), uri == null ? null : uri.getPathQuery());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** A request Jetty could not parse at all: no method or URL to report. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        return ByteBuffer.wrap(ErrorBody.json(status, reason, false, null, null));
    }
}
