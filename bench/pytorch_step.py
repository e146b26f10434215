"""The tutorial cGAN's training step in PyTorch, for bench/compare-pytorch.sh.

Same layers as gan/src/main/java/gan/variants (cgan), TensorFlow 'same' padding written
out explicitly, NCHW, batch 128 (D on 64 real, D on 64 fake, G on 128 through the frozen
D), Adam(2e-4, 0.5). Prints one line: "pytorch <seconds per step> s/step".
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def same_pad(x, k, s):
    """TensorFlow 'same': total pad max((out-1)*s + k - in, 0), the larger half after."""
    h = x.shape[-1]
    out = -(-h // s)
    total = max((out - 1) * s + k - h, 0)
    before = total // 2
    return F.pad(x, (before, total - before, before, total - before))


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 50)
        self.label_dense = nn.Linear(50, 784)
        self.conv1 = nn.Conv2d(2, 128, 3, stride=2)
        self.conv2 = nn.Conv2d(128, 128, 3, stride=2)
        self.drop = nn.Dropout(0.4)
        self.out = nn.Linear(128 * 7 * 7, 1)

    def forward(self, images, labels):
        l = self.label_dense(self.embed(labels)).view(-1, 1, 28, 28)
        x = torch.cat([images, l], dim=1)
        x = F.leaky_relu(self.conv1(same_pad(x, 3, 2)), 0.2)
        x = F.leaky_relu(self.conv2(same_pad(x, 3, 2)), 0.2)
        return torch.sigmoid(self.out(self.drop(x.flatten(1))))


class Generator(nn.Module):
    def __init__(self, latent=100):
        super().__init__()
        self.embed = nn.Embedding(10, 50)
        self.label_dense = nn.Linear(50, 49)
        self.dense = nn.Linear(latent, 128 * 7 * 7)
        # Keras Conv2DTranspose(4x4, s2, 'same') == PyTorch padding 1: output exactly 2x
        self.up1 = nn.ConvTranspose2d(129, 128, 4, stride=2, padding=1)
        self.up2 = nn.ConvTranspose2d(128, 128, 4, stride=2, padding=1)
        self.out = nn.Conv2d(128, 1, 7, padding=3)

    def forward(self, z, labels):
        l = self.label_dense(self.embed(labels)).view(-1, 1, 7, 7)
        x = F.leaky_relu(self.dense(z), 0.2).view(-1, 128, 7, 7)
        x = torch.cat([x, l], dim=1)
        x = F.leaky_relu(self.up1(x), 0.2)
        x = F.leaky_relu(self.up2(x), 0.2)
        return torch.tanh(self.out(x))


def step(g, d, opt_g, opt_d, real, real_labels, half, latent):
    bce = nn.BCELoss()
    # D on real, then on fake (one Keras train_on_batch each)
    opt_d.zero_grad()
    bce(d(real, real_labels), torch.ones(half, 1)).backward()
    opt_d.step()
    z = torch.randn(half, latent)
    fake_labels = torch.randint(0, 10, (half,))
    with torch.no_grad():
        fake = g(z, fake_labels)
    opt_d.zero_grad()
    bce(d(fake, fake_labels), torch.zeros(half, 1)).backward()
    opt_d.step()
    # G through the frozen D on a full batch
    for p in d.parameters():
        p.requires_grad_(False)
    opt_g.zero_grad()
    z = torch.randn(2 * half, latent)
    labels = torch.randint(0, 10, (2 * half,))
    bce(d(g(z, labels), labels), torch.ones(2 * half, 1)).backward()
    opt_g.step()
    for p in d.parameters():
        p.requires_grad_(True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=128)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    g, d = Generator(), Discriminator()
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-7)
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-7)
    half = args.batch_size // 2
    real = torch.rand(half, 1, 28, 28) * 2 - 1
    real_labels = torch.randint(0, 10, (half,))
    for _ in range(args.warmup):
        step(g, d, opt_g, opt_d, real, real_labels, half, 100)
    t0 = time.perf_counter()
    for _ in range(args.steps):
        step(g, d, opt_g, opt_d, real, real_labels, half, 100)
    print(f"pytorch {(time.perf_counter() - t0) / args.steps:.4f} s/step")


if __name__ == "__main__":
    main()
