package jmpi.runtime.link;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
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
            failed = true;
            Throwable cause = e.cause();
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
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failed) {
            // the same failure again, as the SslHandler reports it; already told
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
