package dev.backline.bench.floor;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The floor: the same answer as the workload's plugin p0, from a bare whiteboard servlet. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/p0/hello")
public final class HelloServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json");
        JSON.writeValue(resp.getOutputStream(), Map.of("plugin", "p0", "greetings", List.of("hello from p0")));
    }
}
