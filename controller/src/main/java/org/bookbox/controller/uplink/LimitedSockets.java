package org.bookbox.controller.uplink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.function.BiFunction;
import javax.net.SocketFactory;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories for Paho whose sockets read through {@link InboundLimit}: plain TCP (a broker on
 * loopback) and TLS (Paho needs an {@link SSLSocket} for {@code ssl://}, so that one is a wrapper that
 * hands every TLS call to the real socket and only filters what is read).
 */
final class LimitedSockets {

    private LimitedSockets() {
    }

    static SocketFactory plain(long limit) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new Socket() {
                    @Override
                    public InputStream getInputStream() throws IOException {
                        return new InboundLimit(super.getInputStream(), limit);
                    }
                };
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return connected(createSocket(), host, port);
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                return connected(createSocket(), host, port);
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                Socket s = createSocket();
                s.connect(new InetSocketAddress(host, port));
                return s;
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
                return createSocket(host, port);
            }
        };
    }

    private static Socket connected(Socket s, String host, int port) throws IOException {
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    static SSLSocketFactory tls(SSLSocketFactory real, long limit) {
        BiFunction<SSLSocket, Long, SSLSocket> wrap = Filtered::new;
        return new SSLSocketFactory() {
            @Override
            public String[] getDefaultCipherSuites() {
                return real.getDefaultCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return real.getSupportedCipherSuites();
            }

            @Override
            public Socket createSocket() throws IOException {
                return wrap.apply((SSLSocket) real.createSocket(), limit);
            }

            @Override
            public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
                return wrap.apply((SSLSocket) real.createSocket(s, host, port, autoClose), limit);
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return wrap.apply((SSLSocket) real.createSocket(host, port), limit);
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                return wrap.apply((SSLSocket) real.createSocket(host, port, local, localPort), limit);
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return wrap.apply((SSLSocket) real.createSocket(host, port), limit);
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
                return wrap.apply((SSLSocket) real.createSocket(host, port, local, localPort), limit);
            }
        };
    }

    /** A TLS socket that is the real one in all but what it reads. */
    private static final class Filtered extends SSLSocket {
        private final SSLSocket s;
        private final long limit;
        private InputStream filtered;

        Filtered(SSLSocket s, long limit) {
            this.s = s;
            this.limit = limit;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (filtered == null) {
                filtered = new InboundLimit(s.getInputStream(), limit);
            }
            return filtered;
        }

        @Override public OutputStream getOutputStream() throws IOException { return s.getOutputStream(); }
        @Override public void connect(SocketAddress endpoint) throws IOException { s.connect(endpoint); }
        @Override public void connect(SocketAddress endpoint, int timeout) throws IOException { s.connect(endpoint, timeout); }
        @Override public void close() throws IOException { s.close(); }
        @Override public boolean isConnected() { return s.isConnected(); }
        @Override public boolean isClosed() { return s.isClosed(); }
        @Override public boolean isInputShutdown() { return s.isInputShutdown(); }
        @Override public boolean isOutputShutdown() { return s.isOutputShutdown(); }
        @Override public void shutdownInput() throws IOException { s.shutdownInput(); }
        @Override public void shutdownOutput() throws IOException { s.shutdownOutput(); }
        @Override public InetAddress getInetAddress() { return s.getInetAddress(); }
        @Override public InetAddress getLocalAddress() { return s.getLocalAddress(); }
        @Override public int getPort() { return s.getPort(); }
        @Override public int getLocalPort() { return s.getLocalPort(); }
        @Override public SocketAddress getRemoteSocketAddress() { return s.getRemoteSocketAddress(); }
        @Override public SocketAddress getLocalSocketAddress() { return s.getLocalSocketAddress(); }
        @Override public void setSoTimeout(int timeout) throws SocketException { s.setSoTimeout(timeout); }
        @Override public int getSoTimeout() throws SocketException { return s.getSoTimeout(); }
        @Override public void setTcpNoDelay(boolean on) throws SocketException { s.setTcpNoDelay(on); }
        @Override public boolean getTcpNoDelay() throws SocketException { return s.getTcpNoDelay(); }
        @Override public void setKeepAlive(boolean on) throws SocketException { s.setKeepAlive(on); }
        @Override public boolean getKeepAlive() throws SocketException { return s.getKeepAlive(); }
        @Override public void setSoLinger(boolean on, int linger) throws SocketException { s.setSoLinger(on, linger); }
        @Override public int getSoLinger() throws SocketException { return s.getSoLinger(); }
        @Override public String[] getSupportedCipherSuites() { return s.getSupportedCipherSuites(); }
        @Override public String[] getEnabledCipherSuites() { return s.getEnabledCipherSuites(); }
        @Override public void setEnabledCipherSuites(String[] suites) { s.setEnabledCipherSuites(suites); }
        @Override public String[] getSupportedProtocols() { return s.getSupportedProtocols(); }
        @Override public String[] getEnabledProtocols() { return s.getEnabledProtocols(); }
        @Override public void setEnabledProtocols(String[] protocols) { s.setEnabledProtocols(protocols); }
        @Override public SSLSession getSession() { return s.getSession(); }
        @Override public SSLSession getHandshakeSession() { return s.getHandshakeSession(); }
        @Override public void addHandshakeCompletedListener(HandshakeCompletedListener l) { s.addHandshakeCompletedListener(l); }
        @Override public void removeHandshakeCompletedListener(HandshakeCompletedListener l) { s.removeHandshakeCompletedListener(l); }
        @Override public void startHandshake() throws IOException { s.startHandshake(); }
        @Override public void setUseClientMode(boolean mode) { s.setUseClientMode(mode); }
        @Override public boolean getUseClientMode() { return s.getUseClientMode(); }
        @Override public void setNeedClientAuth(boolean need) { s.setNeedClientAuth(need); }
        @Override public boolean getNeedClientAuth() { return s.getNeedClientAuth(); }
        @Override public void setWantClientAuth(boolean want) { s.setWantClientAuth(want); }
        @Override public boolean getWantClientAuth() { return s.getWantClientAuth(); }
        @Override public void setEnableSessionCreation(boolean flag) { s.setEnableSessionCreation(flag); }
        @Override public boolean getEnableSessionCreation() { return s.getEnableSessionCreation(); }
        @Override public SSLParameters getSSLParameters() { return s.getSSLParameters(); }
        @Override public void setSSLParameters(SSLParameters params) { s.setSSLParameters(params); }
        @Override public String getApplicationProtocol() { return s.getApplicationProtocol(); }
        @Override public String getHandshakeApplicationProtocol() { return s.getHandshakeApplicationProtocol(); }
        @Override public String toString() { return s.toString(); }
    }
}
