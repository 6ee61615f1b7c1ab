package jmpi.runtime.coordinator;

import io.netty.channel.Channel;
import jmpi.runtime.link.HandshakeGuard;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.Refused;
import jmpi.runtime.wire.SharedParts;

/** A rank behind a Netty channel: TCP, TLS, or the virtual channels of MQTT and gRPC. */
final class ChannelPort implements RankPort {
    private final Channel channel;

    ChannelPort(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void write(Frame f) {
        channel.write(f, channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void reading(boolean on) {
        channel.config().setAutoRead(on);
    }

    @Override
    public boolean writable() {
        return channel.isWritable() || !channel.isActive();
    }

    @Override
    public void refuse(String why) {
        HandshakeGuard.refused(channel, why);
        channel.writeAndFlush(new Refused(why)).addListener(f -> channel.close());
    }

    @Override
    public void allowShared(SharedParts rights) {
        // set before the next frame is decoded: decoding runs on this thread, after the current handler
        channel.attr(SharedParts.KEY).set(rights);
    }

    @Override
    public String address() {
        return String.valueOf(channel.remoteAddress());
    }

    @Override
    public String host() {
        return channel.remoteAddress() instanceof java.net.InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : null;
    }
}
