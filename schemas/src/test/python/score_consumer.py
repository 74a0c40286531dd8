#!/usr/bin/python3
"""Reads lead scores from mql.scores and prints one line per score: lead id, tier, percentile and reasons.

An integrator's example for docs/INTEGRATION.md. It uses confluent-kafka for the consumer and decodes the Confluent
wire format itself (magic byte 0, a 4-byte big-endian schema id, the Avro body), fetching each writer schema once
from the registry over HTTP and decoding the body with the avro package, so it needs no registry client. Debian:
apt-get install python3-confluent-kafka python3-avro.

    score_consumer.py --bootstrap localhost:9092 --registry http://localhost:8081 [--group score-printer]
"""
import argparse
import io
import json
import struct
import sys
import urllib.request

import avro.io
import avro.schema
from confluent_kafka import Consumer, KafkaException

TOPIC = "mql.scores"


class ScoreDecoder:
    """Decodes Confluent wire-format values with the writer schemas the registry holds, each fetched once."""

    def __init__(self, registry_url):
        self.registry_url = registry_url.rstrip("/")
        self.readers = {}

    def decode(self, value):
        if len(value) < 5 or value[0] != 0:
            raise ValueError("not the Confluent wire format (no magic byte 0)")
        schema_id = struct.unpack(">I", value[1:5])[0]
        reader = self.readers.get(schema_id)
        if reader is None:
            reader = avro.io.DatumReader(self.schema(schema_id))
            self.readers[schema_id] = reader
        return reader.read(avro.io.BinaryDecoder(io.BytesIO(value[5:])))

    def schema(self, schema_id):
        with urllib.request.urlopen(f"{self.registry_url}/schemas/ids/{schema_id}", timeout=10) as response:
            return avro.schema.parse(json.load(response)["schema"])


def line(score):
    """lead-0001 tier=A percentile=97.5 reasons: customer_idx=2333 (+0.61), ...; '-' for no tier."""
    reasons = ", ".join(f"{r['column']}={'null' if r['value'] is None else r['value']} ({r['contribution']:+.2f})"
                        for r in score.get("reasons", []))
    tier = score.get("tier") or "-"
    percentile = "-" if score.get("percentile") is None else f"{score['percentile']:.1f}"
    return f"{score['lead_id']} tier={tier} percentile={percentile} reasons: {reasons or 'none'}"


def main():
    parser = argparse.ArgumentParser(description="Print the lead scores on " + TOPIC)
    parser.add_argument("--bootstrap", required=True, help="Kafka bootstrap servers, host:port[,host:port]")
    parser.add_argument("--registry", required=True, help="schema registry URL")
    parser.add_argument("--group", default="score-printer", help="consumer group")
    parser.add_argument("--max-scores", type=int, default=0, help="stop after this many scores (0: never)")
    args = parser.parse_args()

    decoder = ScoreDecoder(args.registry)
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group,
        "isolation.level": "read_committed",
        "auto.offset.reset": "earliest",
    })
    consumer.subscribe([TOPIC])
    printed = 0
    try:
        while args.max_scores == 0 or printed < args.max_scores:
            message = consumer.poll(1.0)
            if message is None:
                continue
            if message.error():
                raise KafkaException(message.error())
            print(line(decoder.decode(message.value())), flush=True)
            printed += 1
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()


if __name__ == "__main__":
    sys.exit(main())
