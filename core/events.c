/* events.c - the run's event queue: a binary min-heap of timed events.
 *
 * Times are in months from the scenario start (fractional: 2.5 is the
 * middle of month 2).  Ties break on insertion order, so the delivery order
 * depends only on what was pushed, never on memory layout.  The heap's
 * storage is reserved when the run starts, so the month loop does not
 * allocate.
 */
#include "pc-run-private.h"

void
pc_queue_init (PcEventQueue *queue, guint reserve)
{
  queue->heap = g_array_sized_new (FALSE, FALSE, sizeof (PcEvent), reserve);
  queue->next_seq = 0;
}

void
pc_queue_clear (PcEventQueue *queue)
{
  if (queue->heap)
    g_array_unref (queue->heap);
  queue->heap = NULL;
}

static gboolean
earlier (const PcEvent *a, const PcEvent *b)
{
  return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static void
swap (PcEvent *a, PcEvent *b)
{
  PcEvent t = *a;
  *a = *b;
  *b = t;
}

void
pc_queue_push (PcEventQueue *queue, PcEvent event)
{
  event.seq = queue->next_seq++;
  g_array_append_val (queue->heap, event);
  PcEvent *h = (PcEvent *) queue->heap->data;
  for (guint i = queue->heap->len - 1; i > 0 && earlier (&h[i], &h[(i - 1) / 2]); i = (i - 1) / 2)
    swap (&h[i], &h[(i - 1) / 2]);
}

/* Pops the earliest event if it is due before @time. */
gboolean
pc_queue_pop_before (PcEventQueue *queue, double time, PcEvent *out)
{
  PcEvent *h = (PcEvent *) queue->heap->data;
  guint n = queue->heap->len;
  if (n == 0 || !(h[0].time < time))
    return FALSE;
  *out = h[0];
  h[0] = h[--n];
  g_array_set_size (queue->heap, n);
  for (guint i = 0;;) {
    guint l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && earlier (&h[l], &h[m]))
      m = l;
    if (r < n && earlier (&h[r], &h[m]))
      m = r;
    if (m == i)
      break;
    swap (&h[i], &h[m]);
    i = m;
  }
  return TRUE;
}
