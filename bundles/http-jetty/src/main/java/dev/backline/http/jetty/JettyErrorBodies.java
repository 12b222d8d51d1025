package dev.backline.http.jetty;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.osgi.service.component.annotations.Component;

/**
 * Installs {@link JsonErrorHandler} on Felix HTTP's Jetty server. Felix hands its {@link Server} only to
 * {@link ConnectorFactory} services, once per server start (a configuration change starts a new server), so
 * this is one. It must return a connector, which Felix adds and starts; the one returned opens no socket and
 * takes itself off the server as it starts, so Felix's own connectors stay the only ones (Felix lists every
 * connector of the server as an endpoint and accepts only socket connectors there).
 */
@Component(service = ConnectorFactory.class)
public final class JettyErrorBodies implements ConnectorFactory {

    @Override
    public Connector createConnector(Server server) {
        server.setErrorHandler(new JsonErrorHandler());
        return new Withdrawing(server);
    }

    /** In-memory, never listening; leaves the server's connector list as soon as it is started. */
    private static final class Withdrawing extends LocalConnector {
        Withdrawing(Server server) {
            super(server);
        }

        @Override
        protected void doStart() throws Exception {
            getServer().removeConnector(this);
        }

        @Override
        protected void doStop() {
            // never started anything
        }
    }
}
