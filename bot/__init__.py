"""The Telegram bot, the terminal chat and the ``crosstrain`` command."""

import os

# One BLAS thread unless the operator sets another value, before numpy loads: the bot's
# numpy work is small products (the red-flag net is built from ~1,900 of them at every
# start) on which OpenBLAS's extra threads only spin. A terminal chat start took 10-20 s
# of CPU with them and 4.5 s without, on a two-core machine with other work running.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
