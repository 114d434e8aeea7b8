/**
 * The webhook body both webhook benchmarks send: a realistic call.playback.ended event, a known
 * type, so unwrap runs its generated guard in full (uuid and date-time formats, the status enum).
 * `occurred_at` is now, as Telnyx would send it.
 */
export const playbackEndedBody = JSON.stringify({
  data: {
    event_type: 'call.playback.ended',
    id: '2c6f5d3b-4a7e-4b9f-8d2c-8e3f6a9b0c12',
    occurred_at: new Date().toISOString(),
    payload: {
      call_control_id: 'v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg',
      call_leg_id: '428c31b6-7af4-4bcb-b7f5-5013ef9657c1',
      call_session_id: '428c31b6-7af4-4bcb-b7f5-5013ef9657c1',
      client_state: 'aGF2ZSBhIG5pY2UgZGF5ID1d',
      connection_id: '7267xxxxxxxxxxxxxx',
      media_name: 'my_media_uploaded_to_media_storage_api',
      overlay: false,
      status: 'completed',
    },
    record_type: 'event',
  },
  meta: { attempt: 1, delivered_to: 'https://example.com/webhooks' },
});
