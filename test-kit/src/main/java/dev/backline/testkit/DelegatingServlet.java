package dev.backline.testkit;

import java.io.IOException;

import jakarta.servlet.GenericServlet;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet Jetty serves before the backend exists (the backend's configuration needs the port Jetty bound): it
 * answers 503 until the backend's dispatcher is handed over, then passes everything on.
 */
final class DelegatingServlet extends GenericServlet {
    private static final long serialVersionUID = 1L;

    private transient volatile Servlet target;

    void delegateTo(Servlet dispatcher) {
        try {
            dispatcher.init(getServletConfig());
        } catch (ServletException e) {
            throw new IllegalStateException("The backend's dispatcher did not initialise", e);
        }
        target = dispatcher;
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        Servlet current = target;
        if (current == null) {
            ((HttpServletResponse) response).sendError(503, "The test backend is not built yet");
            return;
        }
        current.service(request, response);
    }

    @Override
    public void destroy() {
        Servlet current = target;
        if (current != null) {
            current.destroy();
        }
    }
}
