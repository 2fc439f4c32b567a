#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispdb-expect.py: an independent reader of Thunderbird's config-v1.1.xml format.

Written apart from src/core/aw-autoconfig.c (Python's xml.etree, not libxml2), it says
which outgoing server Afterword should pick from each file, so that test-autoconfig can
compare the two on real ISPDB files (tests/data/ispdb/).

Usage: ispdb-expect.py ADDRESS_LOCAL_PART FILE...

For each FILE, one tab-separated line:
    NAME  HOST  PORT  SECURITY  USERNAME  NOTE
or  NAME  -
where NAME is the file name, the address is LOCAL_PART@DOMAIN with DOMAIN taken from NAME
("gmail.com.xml", "gmail.com@0123abcd.xml" and "gmail.com" all mean gmail.com),
SECURITY is "tls" or "starttls", USERNAME is "" when the login is the address itself,
NOTE is "oauth" or "none", and "-" means: no usable outgoing server.

The rules Afterword follows:
- only <outgoingServer type="smtp"> of the first <emailProvider> of <clientConfig>;
- host: the first <hostname>, placeholders filled in, lower-cased; a DNS name only:
  no IP literal, no loopback name, no unknown placeholder;
- port: the first <port>, 1 to 65535;
- security: the first <socketType> (of all of them) that is SSL or TLS (implicit TLS) or
  STARTTLS; "plain" and anything unknown are never used;
- authentication: at least one <authentication>; a password (password-cleartext, plain,
  password-encrypted, secure), none (none, client-IP-address, smtp-after-pop) or OAuth2;
- the first server that takes a password or nothing wins; only when there is none, the
  first OAuth2-only server, with the OAuth note;
- user name: the first <username> (the address when missing), the known placeholders
  filled in and any other %NAME% blanked.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

# What C's isspace() and GLib's g_strstrip() strip, and no more.
ASCII_SPACE = ' \t\n\v\f\r'

PASSWORD = {'password-cleartext', 'plain', 'password-encrypted', 'secure'}
NO_AUTH = {'none', 'client-ip-address', 'smtp-after-pop'}
OAUTH = {'oauth2'}

PLACEHOLDER = re.compile(r'%([A-Za-z0-9_]+)%')
HOST_CHARS = re.compile(r'^[a-z0-9.-]+$')
# ASCII letters only, as g_ascii_strdown(): str.lower() would turn KELVIN SIGN into 'k'.
ASCII_LOWER = str.maketrans('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')


def domain_of(name):
    base = os.path.basename(name)
    if '@' in base:
        base = base.split('@', 1)[0]
    if base.endswith('.xml'):
        base = base[:-4]
    return base.lower()


def text_of(element):
    return ''.join(element.itertext()).strip(ASCII_SPACE)


def first_text(server, tag):
    for child in server:
        if child.tag == tag:
            return text_of(child)
    return None


def all_texts(server, tag):
    return [text_of(child) for child in server if child.tag == tag]


def fill(template, values, blank_unknown):
    def one(match):
        if match.group(1) in values:
            return values[match.group(1)]
        return '' if blank_unknown else match.group(0)
    return PLACEHOLDER.sub(one, template)


def is_ip_literal(host):
    if ':' in host or host.startswith('['):
        return True
    last = host.rstrip('.').rsplit('.', 1)[-1]
    # inet_aton() also reads 2130706433, 127.1 and 0x7f.1: no top-level domain is numeric.
    return last.isdigit() or re.fullmatch(r'0x[0-9a-f]*', last) is not None


def is_loopback(host):
    host = host.rstrip('.')
    return host == 'localhost' or host.endswith('.localhost')


def usable_host(host):
    return (0 < len(host) <= 253 and HOST_CHARS.match(host) is not None
            and host[0] not in '.-' and '..' not in host
            and not is_ip_literal(host) and not is_loopback(host))


def pick(path, local_part):
    domain = domain_of(path)
    address = local_part + '@' + domain
    values = {'EMAILADDRESS': address, 'EMAILLOCALPART': local_part, 'EMAILDOMAIN': domain}
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, UnicodeDecodeError, ValueError):
        return None
    if root.tag != 'clientConfig':
        return None
    provider = root.find('emailProvider')
    if provider is None:
        return None

    first_oauth = None
    for server in provider:
        if server.tag != 'outgoingServer' or server.get('type') != 'smtp':
            continue
        host = first_text(server, 'hostname')
        if host is None:
            continue
        host = fill(host, values, False).translate(ASCII_LOWER)
        if not usable_host(host):
            continue
        port = first_text(server, 'port')
        if port is None or not re.fullmatch(r'[0-9]+', port) or not 1 <= int(port) <= 65535:
            continue
        security = None
        for socket_type in all_texts(server, 'socketType'):
            if socket_type in ('SSL', 'TLS'):
                security = 'tls'
            elif socket_type == 'STARTTLS':
                security = 'starttls'
            if security is not None:
                break
        if security is None:
            continue
        methods = [m.translate(ASCII_LOWER) for m in all_texts(server, 'authentication')]
        takes_password = any(m in PASSWORD or m in NO_AUTH for m in methods)
        takes_oauth = any(m in OAUTH for m in methods)
        if not takes_password and not takes_oauth:
            continue
        username = first_text(server, 'username')
        username = fill(username if username is not None else '%EMAILADDRESS%', values, True)
        if username == address:
            username = ''
        choice = (host, int(port), security, username, 'none' if takes_password else 'oauth')
        if takes_password:
            return choice
        if first_oauth is None:
            first_oauth = choice
    return first_oauth


def main():
    if len(sys.argv) < 3:
        sys.stderr.write('usage: ispdb-expect.py LOCAL_PART FILE...\n')
        return 2
    for path in sys.argv[2:]:
        choice = pick(path, sys.argv[1])
        name = os.path.basename(path)
        if choice is None:
            print(name + '\t-')
        else:
            print('\t'.join([name] + [str(field) for field in choice]))
    return 0


if __name__ == '__main__':
    sys.exit(main())
