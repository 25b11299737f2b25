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
    /// <summary>ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED.</summary>
    ZmtpUnspecified = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND.</summary>
    ZmtpUnexpectedCommand = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE.</summary>
    ZmtpInvalidSequence = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE.</summary>
    ZmtpKeyExchange = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED.</summary>
    ZmtpMalformedCommandUnspecified = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE.</summary>
    ZmtpMalformedCommandMessage = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO.</summary>
    ZmtpMalformedCommandHello = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE.</summary>
    ZmtpMalformedCommandInitiate = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR.</summary>
    ZmtpMalformedCommandError = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY.</summary>
    ZmtpMalformedCommandReady = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME.</summary>
    ZmtpMalformedCommandWelcome = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA.</summary>
    ZmtpInvalidMetadata = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC.</summary>
    ZmtpCryptographic = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH.</summary>
    ZmtpMechanismMismatch = LibZmq.ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED.</summary>
    ZapUnspecified = LibZmq.ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZAP_MALFORMED_REPLY.</summary>
    ZapMalformedReply = LibZmq.ZMQ_PROTOCOL_ERROR_ZAP_MALFORMED_REPLY,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID.</summary>
    ZapBadRequestId = LibZmq.ZMQ_PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZAP_BAD_VERSION.</summary>
    ZapBadVersion = LibZmq.ZMQ_PROTOCOL_ERROR_ZAP_BAD_VERSION,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE.</summary>
    ZapInvalidStatusCode = LibZmq.ZMQ_PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE,

    /// <summary>ZMQ_PROTOCOL_ERROR_ZAP_INVALID_METADATA.</summary>
    ZapInvalidMetadata = LibZmq.ZMQ_PROTOCOL_ERROR_ZAP_INVALID_METADATA,

    /// <summary>ZMQ_PROTOCOL_ERROR_WS_UNSPECIFIED.</summary>
    WebSocketUnspecified = LibZmq.ZMQ_PROTOCOL_ERROR_WS_UNSPECIFIED,
}
