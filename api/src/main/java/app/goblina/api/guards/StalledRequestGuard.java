package app.goblina.api.guards;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import jakarta.inject.Singleton;

/**
 * Closes a connection whose client started a request and then stopped sending, for {@code
 * micronaut.server.read-idle-timeout} ({@code GOBLINA_HTTP_READ_IDLE_TIMEOUT}, 30 s): half a request line or header
 * block, or a body short of its {@code Content-Length}. Micronaut's server raises the reader-idle event for that
 * time but closes only connections without a request under way, so a stalled request would hold its connection
 * (and its partial body) until the client gives up.
 *
 * <p>Two handlers share one state per connection: one in front of the HTTP codec sees bytes arrive, one behind it
 * sees a request end ({@link LastHttpContent}) and its answer end. Only the time between a request's first byte and
 * its last counts; a request being worked on, an answer being streamed (a long video download) and a keep-alive
 * connection between requests are left alone (the last to {@code micronaut.server.idle-timeout}). A client that
 * drips a byte now and then stays under an idle timeout; that is for a proxy in front to bound.
 */
@Singleton
public class StalledRequestGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    static final String RAW_SIDE = "goblina-stalled-request-bytes";
    static final String DECODED_SIDE = "goblina-stalled-request-messages";

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new ForConnections(null));
        return event.getBean();
    }

    /** Specialises to each connection, whose HTTP/1 pipeline gets the two handlers. */
    private static final class ForConnections implements NettyServerCustomizer {
        private final Channel channel;

        ForConnections(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new ForConnections(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) == null
                    || pipeline.get(ChannelPipelineCustomizer.HANDLER_IDLE_STATE) == null || pipeline.get(RAW_SIDE) != null) {
                return;
            }
            RequestProgress progress = new RequestProgress();
            pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, RAW_SIDE, new BytesIn(progress));
            pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, DECODED_SIDE, new MessagesInAndOut(progress));
        }
    }

    /** Where the connection's current request is; touched on its event loop only. */
    private static final class RequestProgress {
        boolean receiving;
    }

    /** In front of the codec: bytes of a request have arrived; a reader-idle event then means a stalled one. */
    private static final class BytesIn extends ChannelInboundHandlerAdapter {
        private final RequestProgress progress;

        BytesIn(RequestProgress progress) {
            this.progress = progress;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
                progress.receiving = true;
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE && progress.receiving) {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }
    }

    /** Behind the codec: a request received whole, or answered, is no longer being received. */
    private static final class MessagesInAndOut extends ChannelDuplexHandler {
        private final RequestProgress progress;

        MessagesInAndOut(RequestProgress progress) {
            this.progress = progress;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof LastHttpContent) {
                progress.receiving = false;
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            // an answer before the body ended (a refusal from the headers) ends the wait for it too
            progress.receiving = false;
            super.write(ctx, msg, promise);
        }
    }
}
