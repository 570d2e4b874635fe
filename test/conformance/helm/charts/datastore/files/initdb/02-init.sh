#!/bin/sh
echo "initialising"
