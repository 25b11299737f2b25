using Zmq.Interop;

namespace Zmq;

/// <summary>
/// Why a handshake failed with a protocol error: the value of a
/// <see cref="ZmqMonitorEventType.HandshakeFailedProtocol"/> event (<c>ZMQ_PROTOCOL_ERROR_*</c> of zmq.h).
/// Zmtp* values are errors between the two peers, Zap* values errors between the server and its ZAP
/// handler (see <c>zmq_socket_monitor(3)</c>).
/// </summary>
public enum ZmqProtocolError
{
    /// <summary>A ZMTP protocol error libzmq does not classify further (ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED).</summary>
    ZmtpUnspecified = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED,

    /// <summary>The peer sent a command that is not allowed at this point of the handshake (ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND).</summary>
    ZmtpUnexpectedCommand = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND,

    /// <summary>The peer sent a message with a wrong sequence number (CURVE nonces) (ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE).</summary>
    ZmtpInvalidSequence = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE,

    /// <summary>The key exchange failed (ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE).</summary>
    ZmtpKeyExchange = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE,

    /// <summary>The peer sent a malformed command (ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED).</summary>
    ZmtpMalformedCommandUnspecified = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED,

    /// <summary>The peer sent a malformed MESSAGE command (ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE).</summary>
    ZmtpMalformedCommandMessage = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE,

    /// <summary>The peer sent a malformed HELLO command (ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO).</summary>
    ZmtpMalformedCommandHello = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO,

    /// <summary>The peer sent a malformed INITIATE command (ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE).</summary>
    ZmtpMalformedCommandInitiate = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE,

    /// <summary>The peer sent a malformed ERROR command (ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR).</summary>
    ZmtpMalformedCommandError = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR,

    /// <summary>The peer sent a malformed READY command (ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY).</summary>
    ZmtpMalformedCommandReady = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY,

    /// <summary>The peer sent a malformed WELCOME command (ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME).</summary>
    ZmtpMalformedCommandWelcome = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME,

    /// <summary>The peer sent invalid metadata (socket type, routing id or properties) (ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA).</summary>
    ZmtpInvalidMetadata = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA,

    /// <summary>A CURVE box could not be made or opened: wrong or unusable keys (ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC).</summary>
    ZmtpCryptographic = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC,

    /// <summary>The peers use different security mechanisms (NULL, PLAIN, CURVE) (ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH).</summary>
    ZmtpMechanismMismatch = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH,

    /// <summary>A ZAP handler error libzmq does not classify further (ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED).</summary>
    ZapUnspecified = LibZmq.ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED,

    /// <summary>The ZAP handler sent a reply with the wrong number or shape of frames (ZMQ_PROTOCOL_ERROR_ZAP_MALFORMED_REPLY).</summary>
    ZapMalformedReply = LibZmq.ZMQ_PROTOCOL_ERROR_ZAP_MALFORMED_REPLY,

    /// <summary>The ZAP handler replied with a request id that was not asked (ZMQ_PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID).</summary>
    ZapBadRequestId = LibZmq.ZMQ_PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID,

    /// <summary>The ZAP handler replied with a version other than "1.0" (ZMQ_PROTOCOL_ERROR_ZAP_BAD_VERSION).</summary>
    ZapBadVersion = LibZmq.ZMQ_PROTOCOL_ERROR_ZAP_BAD_VERSION,

    /// <summary>The ZAP handler replied with a status code other than 200, 300, 400 or 500 (ZMQ_PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE).</summary>
    ZapInvalidStatusCode = LibZmq.ZMQ_PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE,

    /// <summary>The ZAP handler replied with metadata that could not be parsed (ZMQ_PROTOCOL_ERROR_ZAP_INVALID_METADATA).</summary>
    ZapInvalidMetadata = LibZmq.ZMQ_PROTOCOL_ERROR_ZAP_INVALID_METADATA,

    /// <summary>A WebSocket transport error (ws:// and wss:// are draft transports) (ZMQ_PROTOCOL_ERROR_WS_UNSPECIFIED).</summary>
    WebSocketUnspecified = LibZmq.ZMQ_PROTOCOL_ERROR_WS_UNSPECIFIED,
}
