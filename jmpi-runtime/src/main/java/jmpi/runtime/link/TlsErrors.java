package jmpi.runtime.link;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Follows an SslHandler and turns a failed handshake into one clear event. A connecting side gets an
 * exception that names the certificate check; a side that is connected to logs the failure and lets the
 * connection go, so that one bad peer costs one warning line, not a stack trace per exception.
 * New per channel: it remembers whether the handshake failed.
 */
public final class TlsErrors extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(TlsErrors.class.getName());

    private final String peer;
    private final String trust;
    private boolean failed;

    private TlsErrors(String peer, String trust) {
        this.peer = peer;
        this.trust = trust;
    }

    /** For the side that connects to peer and checks its certificate against trust. */
    public static TlsErrors connecting(String peer, String trust) {
        return new TlsErrors(peer, trust);
    }

    /** For the side that is connected to. */
    public static TlsErrors accepting() {
        return new TlsErrors(null, null);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent e && !e.isSuccess()) {
            fail(ctx, e.cause());
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failed) {
            // the same failure again, as the SslHandler reports it; already told
            return;
        }
        // with TLS 1.3 the connecting side's handshake is done before the peer checks its certificate: a
        // refusal then arrives as an alert on the first read
        SSLException tls = tlsCause(cause);
        if (tls != null) {
            fail(ctx, tls);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        failed = true;
        if (peer == null) {
            LOG.log(System.Logger.Level.WARNING, "TLS handshake with {0} failed: {1}", ctx.channel().remoteAddress(),
                    cause.getMessage());
        } else {
            SSLHandshakeException clear = new SSLHandshakeException("TLS handshake with " + peer
                    + " failed; its certificate was checked against " + trust + ": " + cause.getMessage());
            clear.initCause(cause);
            ctx.fireExceptionCaught(clear);
        }
    }

    private static SSLException tlsCause(Throwable t) {
        for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
            if (t instanceof SSLException e) {
                return e;
            }
        }
        return null;
    }
}
